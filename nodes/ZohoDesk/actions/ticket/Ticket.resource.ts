import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, readOperations } from '../../../shared/descriptions';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as search from './search.operation';

export { count, get, getMany, search };

export const description: INodeProperties[] = [
	operationSelector('ticket', [
		{ name: 'Count', value: 'count', description: 'Count tickets matching search criteria', action: 'Count tickets' },
		...readOperations('ticket', 'tickets'),
		{ name: 'Search', value: 'search', description: 'Search tickets', action: 'Search tickets' },
	]),
	...get.description,
	...getMany.description,
	...search.description,
	...count.description,
];
