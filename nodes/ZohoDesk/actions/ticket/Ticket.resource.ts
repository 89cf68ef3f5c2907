/** The Ticket resource: one line per operation file; its operation selector is built from them (../resources.ts). */
export * as addComment from './addComment.operation';
export * as count from './count.operation';
export * as deleteAttachment from './deleteAttachment.operation';
export * as deleteComment from './deleteComment.operation';
export * as downloadAttachment from './downloadAttachment.operation';
export * as get from './get.operation';
export * as getAttachments from './getAttachments.operation';
export * as getComments from './getComments.operation';
export * as getMany from './getMany.operation';
export * as getThreads from './getThreads.operation';
export * as saveDraftReply from './saveDraftReply.operation';
export * as search from './search.operation';
export * as sendReply from './sendReply.operation';
export * as updateComment from './updateComment.operation';
export * as uploadAttachment from './uploadAttachment.operation';
