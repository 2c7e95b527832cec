/** Public surface of the units module: its Fastify plugin (http/routes.tsx). */
export { default } from './http/routes.tsx';
