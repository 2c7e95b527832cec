/**
 * /transparency/audit — the public face of the audit log's tamper evidence: the public keys and the
 * latest signed checkpoints, with how to check one. Nothing here is secret: a checkpoint holds the
 * number of entries and a keyed hash, not what the entries say.
 */
import type { VNode } from 'preact';
import { Shell, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDateTime, formatNumber } from '../../../core/render/i18n.ts';
import type { Checkpoint } from '../../../core/audit/index.ts';
import { PortalNav } from '../../portal/nav.tsx';

export interface PublicKeyView {
  keyId: string;
  pem: string;
  raw: string;
  current: boolean;
}

export function TransparencyPage(p: { c: ViewContext; keys: PublicKeyView[]; checkpoints: Checkpoint[] }): VNode {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '审计日志公开校验', en: 'Audit log checkpoints' });
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} />} meta={{ columnName: title, columnType: '公开校验', description: title }} breadcrumbs={[{ href: '/', label: T({ zh: '首页', en: 'Home' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p>
        {T({
          zh: '本平台记录每一次发布、审核、依申请公开办理、账号和权限变更等操作，形成只能追加的审计日志。日志的每条记录都带有上一条记录的密钥哈希；系统每隔五分钟（以及每次停机前）把日志的最新状态——最后一条记录的编号、它的哈希值和记录总数——用下列公钥对应的私钥签名，保存在数据库之外。',
          en: 'This platform records every publication, review, information-request step and change of accounts and permissions in an append-only audit log. Each entry carries a keyed hash of the one before; every five minutes (and before each shutdown) the latest state of the log — the last entry’s number, its hash and the number of entries — is signed with the private key of the public key below and kept outside the database.',
        })}
      </p>
      <p>
        {T({
          zh: '任何人都可以用公钥核对这些签名；管理员运行 gongkai audit verify 会把日志与每个校验点逐一比对：记录被修改、删除、重新计算哈希或整表清空，都会被发现。',
          en: 'Anyone can check these signatures with the public key; administrators run `gongkai audit verify`, which compares the log with every checkpoint: edited, deleted, re-hashed or emptied entries are all found.',
        })}
      </p>

      <h2 id="keys">{T({ zh: '签名公钥（Ed25519）', en: 'Signing keys (Ed25519)' })}</h2>
      <ul class="plain-list">
        {p.keys.map((k) => (
          <li>
            <p><strong class="hash">{k.keyId}</strong>{k.current ? T({ zh: '（当前使用）', en: ' (current)' }) : T({ zh: '（此前使用，仍用于核对旧校验点）', en: ' (earlier; still checks older checkpoints)' })}</p>
            <pre class="pre hash" tabIndex={0} aria-label={T({ zh: '公钥 {k}（PEM 格式）', en: 'Public key {k} (PEM)' }, { k: k.keyId })}>{k.pem.trim()}</pre>
            <p class="hint">{T({ zh: '原始公钥（Base64）：', en: 'Raw public key (Base64): ' })}<code class="hash">{k.raw}</code></p>
          </li>
        ))}
      </ul>
      <p><a href="/transparency/audit/public-key.pem" download>{T({ zh: '下载当前公钥（PEM）', en: 'Download the current public key (PEM)' })}</a></p>

      <h2 id="checkpoints">{T({ zh: '最近的校验点', en: 'Latest checkpoints' })}</h2>
      {p.checkpoints.length ? (
        <ol class="plain-list checkpoints" reversed>
          {[...p.checkpoints].reverse().map((cp) => (
            <li>
              <dl class="summary-list">
                <dt>{T({ zh: '时间', en: 'Time' })}</dt><dd><time dateTime={cp.at}>{formatDateTime(c.l, cp.at)}</time></dd>
                <dt>{T({ zh: '记录总数', en: 'Entries' })}</dt><dd>{formatNumber(c.l, cp.count)}</dd>
                <dt>{T({ zh: '最后一条记录编号', en: 'Last entry' })}</dt><dd>{cp.headId}</dd>
                <dt>{T({ zh: '最后一条记录的哈希', en: 'Hash of the last entry' })}</dt><dd><code class="hash">{cp.headHash}</code></dd>
                <dt>{T({ zh: '签名密钥', en: 'Signed with' })}</dt><dd><code class="hash">{cp.keyId}</code></dd>
                <dt>{T({ zh: '签名', en: 'Signature' })}</dt><dd><code class="hash">{cp.sig}</code></dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : (
        <p>{T({ zh: '尚无校验点：日志还没有记录，或系统刚刚启动。', en: 'No checkpoints yet: the log is empty or the system has just started.' })}</p>
      )}
      <p><a href="/transparency/audit/checkpoints.jsonl" download>{T({ zh: '下载全部校验点（JSON Lines）', en: 'Download all checkpoints (JSON Lines)' })}</a></p>

      <h2 id="how">{T({ zh: '如何核对一个校验点', en: 'How to check a checkpoint' })}</h2>
      <ol>
        <li>{T({ zh: '从下载的文件中取一行，去掉其中的 sig 字段。', en: 'Take one line of the downloaded file and remove its sig field.' })}</li>
        <li>{T({ zh: '把其余字段按键名排序、不加空格写成 JSON，保存为 message.txt（不带换行），例如：', en: 'Write the other fields as JSON with the keys sorted and no spaces into message.txt (no newline), for example:' })}
          <pre class="pre hash" tabIndex={0}>{'{"at":"2026-12-05T08:00:00.000Z","count":2509,"headHash":"…","headId":2509,"keyId":"ed25519:…","v":1}'}</pre>
        </li>
        <li>{T({ zh: '把 sig 的 Base64 解码保存为 sig.bin，然后运行：', en: 'Decode sig from Base64 into sig.bin, then run:' })}
          <pre class="pre hash" tabIndex={0}>openssl pkeyutl -verify -pubin -inkey audit-public-key.pem -rawin -in message.txt -sigfile sig.bin</pre>
        </li>
      </ol>
    </Shell>
  );
}
