/**
 * Reads a ticket back after a Move, Close or Delete whose answer was lost (nodes/core/transport `findApplied`):
 * these POSTs say nothing but "done", so the ticket's own state tells whether Zoho applied them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { recordPath, TABLES } from '../../../core/tables';
import { zohoDeskApi } from '../../../core/transport';

/** `{}` (applied) when every ticket is in the wanted state, undefined (not applied) otherwise. */
export function appliedWhen(
	ctx: IExecuteFunctions,
	ids: string[],
	inWantedState: (ticket: IDataObject) => boolean,
): () => Promise<IDataObject | undefined> {
	return async () => {
		for (const id of ids) {
			const ticket = (await zohoDeskApi.call(ctx, { path: recordPath(TABLES.tickets, id) })) as IDataObject | undefined;
			if (!ticket || !inWantedState(ticket)) return undefined;
		}
		return {};
	};
}
