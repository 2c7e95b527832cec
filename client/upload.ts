// Drag-and-drop upload with a progress bar over <form data-dropzone enctype="multipart/form-data">.
// Without JavaScript the file input posts as before; with it, a dropped or chosen file is sent
// by XHR (upload progress events) with the form's other fields, then the page the server
// redirects to is shown. A refusal (4xx page) replaces the document so its zh-CN message shows.

const zh = document.documentElement.lang !== 'en';
const L = (z: string, e: string) => (zh ? z : e);

export function sendForm(form: HTMLFormElement, file: File, bar: HTMLProgressElement, status: HTMLElement): void {
  const data = new FormData(form);
  data.set('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  xhr.upload.addEventListener('progress', (e) => {
    if (!e.lengthComputable) return;
    bar.value = Math.round((e.loaded / e.total) * 100);
    status.textContent = L(`正在上传 ${file.name}：${bar.value}%`, `Uploading ${file.name}: ${bar.value}%`);
  });
  xhr.addEventListener('load', () => {
    if (xhr.status < 400 && xhr.responseURL) {
      window.location.assign(xhr.responseURL);
      return;
    }
    const doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
    document.body.replaceWith(document.adoptNode(doc.body));
  });
  xhr.addEventListener('error', () => {
    status.textContent = L('上传失败，请检查网络后重试', 'The upload failed; check the connection and try again');
  });
  bar.hidden = false;
  bar.value = 0;
  xhr.send(data);
  freshKey(form);
}

/**
 * A form's one-time key (`form_token`, #14.8) belongs to the upload just sent: a second file dropped
 * before the first finishes gets a key of its own, or the server would take it for the same
 * submission with other content (422). getRandomValues, unlike randomUUID, works over plain http too.
 */
function freshKey(form: HTMLFormElement): void {
  const key = form.querySelector<HTMLInputElement>('input[name=form_token]');
  if (!key) return;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  key.value = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function enhanceDropzones(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-dropzone]')) {
    const input = form.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) continue;
    const zone = document.createElement('div');
    zone.className = 'dropzone';
    zone.textContent = L('将文件拖到此处上传，或使用下方按钮选择文件', 'Drop a file here to upload it, or choose one below');
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.hidden = true;
    const status = document.createElement('p');
    status.className = 'hint';
    status.setAttribute('role', 'status');
    input.before(zone);
    input.after(bar, status);
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (f) sendForm(form, f, bar, status);
    });
    form.addEventListener('submit', (e) => {
      const f = input.files?.[0];
      if (!f) return; // let the browser and the server say that a file is needed
      e.preventDefault();
      sendForm(form, f, bar, status);
    });
  }
}
