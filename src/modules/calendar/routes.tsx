/** Public surface of the calendar module: its Fastify plugin (http/routes.tsx). */
export { default } from './http/routes.tsx';
