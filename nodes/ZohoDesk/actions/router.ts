import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemsWithFiles, Operation, ZohoDeskType } from './node.type';
import { resources } from './resources';

/** Runs the resource/operation chosen for one input item and returns the records (or file items) it produced. */
export async function runOperation(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[] | ItemsWithFiles> {
	const { resource, operation } = {
		resource: this.getNodeParameter('resource', itemIndex),
		operation: this.getNodeParameter('operation', itemIndex),
	} as ZohoDeskType;
	const operations = resources[resource]?.operations as Record<string, Operation> | undefined;
	const handler = operations?.[operation];
	if (typeof handler?.execute !== 'function') {
		throw new NodeOperationError(this.getNode(), `"${operation}" is not an operation of "${resource}"`, { itemIndex });
	}
	return await handler.execute.call(this, itemIndex);
}
