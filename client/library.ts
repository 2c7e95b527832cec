// The editor's image button: choose an image from the unit's media library
// (GET /admin/media-library?format=json&kind=image), or type an address when it has none.

interface Item { url: string; name: string; alt?: string }

const zh = document.documentElement.lang !== 'en';
const L = (z: string, e: string) => (zh ? z : e);

export async function pickFromLibrary(base: string, insert: (src: string, alt: string) => void): Promise<void> {
  let items: Item[] = [];
  try {
    const r = await fetch(`${base}?format=json&kind=image`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (r.ok) items = ((await r.json()) as { items: Item[] }).items;
  } catch {
    items = [];
  }
  const dialog = document.createElement('dialog');
  dialog.className = 'library-picker';
  const h = document.createElement('h2');
  h.textContent = L('从媒体库插入图片', 'Insert an image from the media library');
  dialog.append(h);
  const list = document.createElement('ul');
  for (const it of items) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    const img = document.createElement('img');
    img.src = it.url;
    img.alt = '';
    b.append(img, document.createTextNode(it.name));
    b.addEventListener('click', () => {
      insert(it.url, it.alt ?? it.name);
      dialog.close();
    });
    li.append(b);
    list.append(li);
  }
  if (!items.length) {
    const p = document.createElement('p');
    p.textContent = L('媒体库中还没有图片，可先在“媒体库”页面上传。', 'The media library has no images yet; upload them on the media library page.');
    dialog.append(p);
  }
  dialog.append(list);
  // or an address (the server keeps https and site-relative images only)
  const form = document.createElement('form');
  form.method = 'dialog';
  const label = document.createElement('label');
  label.textContent = L('或输入图片地址（https）', 'Or an image address (https)');
  const input = document.createElement('input');
  input.type = 'url';
  input.name = 'src';
  label.append(input);
  const ok = document.createElement('button');
  ok.type = 'submit';
  ok.textContent = L('插入', 'Insert');
  form.append(label, ok);
  form.addEventListener('submit', () => {
    if (input.value.trim()) insert(input.value.trim(), '');
  });
  dialog.append(form);
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = L('取消', 'Cancel');
  close.addEventListener('click', () => dialog.close());
  dialog.append(close);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
