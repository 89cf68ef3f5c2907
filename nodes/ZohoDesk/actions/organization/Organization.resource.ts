/** The Organization resource: one line per operation file; its operation selector is built from them (../resources.ts). */
export * as getMany from './getMany.operation';
