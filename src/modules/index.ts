/**
 * The domain modules, in registration order. Each is a Fastify plugin holding its routes (API and
 * pages); its commands, repository, policy rules and views sit beside it in the module folder.
 */
import type { FastifyInstance } from 'fastify';
import systemRoutes from './system/routes.ts';
import portalRoutes from './portal/routes.tsx';
import unitRoutes from './units/routes.tsx';
import accountRoutes from './accounts/http/routes.ts';
import dashboardRoutes from './admin/dashboard.tsx';
import calendarRoutes from './calendar/routes.tsx';
import documentsApi, { apiDocs } from './documents/http/api.ts';
import documentsPortalRoutes from './documents/http/portal-routes.tsx';
import documentsAdminRoutes from './documents/http/admin-routes.tsx';
import requestRoutes from './requests/http/routes.ts';
import reportRoutes from './reports/http/routes.tsx';
import searchRoutes from './search/http/routes.tsx';
import auditRoutes from './audit/http/routes.tsx';
import auditPublicRoutes from './audit/http/public.tsx';
import agencyRoutes from './agency/http/routes.tsx';
import mediaRoutes from './media/http/routes.tsx';
import guideRoutes from './guides/http/routes.tsx';
import powerRoutes from './powers/http/routes.tsx';
import healthRoutes from './health/http/routes.tsx';
import catalogRoutes from './catalogs/http/routes.tsx';
import libraryRoutes from './library/http/routes.tsx';
import consultationPublicRoutes from './consultations/http/public.tsx';
import consultationAdminRoutes from './consultations/http/admin.tsx';
import './consultations/demo/consultations.ts';
import messagePublicRoutes from './messages/http/public.tsx';
import messageAdminRoutes from './messages/http/admin.tsx';
import './messages/demo/messages.ts';
import trainingRoutes from './training/http/routes.tsx';
import assessmentRoutes from './assessment/http/routes.tsx';
import workplanRoutes from './workplan/http/routes.tsx';
import interviewPublicRoutes from './interviews/http/public.tsx';
import interviewAdminRoutes from './interviews/http/admin.tsx';
import './interviews/demo/interviews.ts';

export const modules: ((app: FastifyInstance) => Promise<void>)[] = [apiDocs, systemRoutes, portalRoutes, unitRoutes, accountRoutes, dashboardRoutes, calendarRoutes, documentsApi, documentsPortalRoutes, documentsAdminRoutes, requestRoutes, reportRoutes, searchRoutes, auditRoutes, auditPublicRoutes, agencyRoutes, mediaRoutes, guideRoutes, powerRoutes, consultationPublicRoutes, consultationAdminRoutes, messagePublicRoutes, messageAdminRoutes, healthRoutes, trainingRoutes, assessmentRoutes, workplanRoutes, interviewPublicRoutes, interviewAdminRoutes, catalogRoutes, libraryRoutes];
