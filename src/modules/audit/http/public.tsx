/**
 * Public routes of the audit's tamper evidence (no sign-in): the page, the current public key
 * (PEM) and the checkpoint file itself (JSON Lines), rate-limited like the other public reads.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { viewContext } from '../../../core/http/request.ts';
import { auditKeyring, CHECKPOINT_FILE, recentCheckpoints } from '../../../core/audit/index.ts';
import { TransparencyPage } from '../views/public.tsx';

const LIMIT = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };

export default async function auditPublicRoutes(app: FastifyInstance) {
  const { cfg } = app.deps;
  const file = () => join(cfg.auditAnchorDir, CHECKPOINT_FILE);

  app.get('/transparency/audit', LIMIT, async (req, reply) => {
    const ring = auditKeyring();
    const keys = [...ring.signers.values()].map((s) => ({ keyId: s.keyId, pem: s.publicPem, raw: s.publicRaw, current: s.keyId === ring.signer.keyId }));
    const html = renderHtml(TransparencyPage({ c: viewContext(req, reply), keys, checkpoints: recentCheckpoints(file(), 20) }));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').send(html);
  });

  app.get('/transparency/audit/public-key.pem', LIMIT, async (_req, reply) =>
    reply.type('application/x-pem-file').header('content-disposition', 'attachment; filename="audit-public-key.pem"').send(auditKeyring().signer.publicPem));

  app.get('/transparency/audit/checkpoints.jsonl', LIMIT, async (_req, reply) => {
    reply.type('application/jsonl; charset=utf-8').header('content-disposition', 'attachment; filename="audit-checkpoints.jsonl"').header('cache-control', 'public, max-age=60');
    return existsSync(file()) ? reply.send(createReadStream(file())) : reply.send('');
  });
}
