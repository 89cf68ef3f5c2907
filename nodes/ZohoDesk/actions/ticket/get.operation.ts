import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TABLES } from '../../../core/tables';
import {
	getOption,
	includeOption,
	recordIdLocator,
	simplifyProperty,
	optionsCollection,
} from '../../../core/descriptions';
import { csv, getRecord } from '../../../core/records';

const table = TABLES.tickets;

/** Ticket links look like …/ShowHomePage.do#Cases/dv/<id> */
export const TICKET_URL_REGEX = 'Cases/dv/([0-9]{1,19})';

const properties: INodeProperties[] = [
	recordIdLocator(table, { urlRegex: TICKET_URL_REGEX }),
	simplifyProperty(table),
	optionsCollection([includeOption(table.recordInclude, 'Related records to embed in the ticket')]),
];

export const option = getOption('ticket');

export const description = updateDisplayOptions({ show: { resource: ['ticket'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await getRecord.call(this, table, itemIndex, { include: csv(options.include) });
}
