import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { resources } from './resources';

type Operation = { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]> };

/** Runs the resource/operation chosen for one input item and returns the records it read. */
export async function runOperation(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const operations = (resources as Record<string, Record<string, unknown>>)[resource];
	const handler = operations?.[operation] as Operation | undefined;
	if (typeof handler?.execute !== 'function') {
		throw new NodeOperationError(this.getNode(), `"${operation}" is not an operation of "${resource}"`, { itemIndex });
	}
	return await handler.execute.call(this, itemIndex);
}
