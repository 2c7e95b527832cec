/** The 依申请公开 case as pure logic: states and transitions, results, letters, applicant rules. */
export * from './rule-error.ts';
export * from './states.ts';
export * from './case.ts';
export * from './workflow.ts';
export * from './step-rules.ts';
export * from './queries.ts';
export * from './timeline.ts';
export * from './dispositions.ts';
export * from './applicant.ts';
export * from './letters.ts';
export * from './supervision-order.ts';
