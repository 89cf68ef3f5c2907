import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, readOperations } from '../../../shared/descriptions';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	operationSelector('department', readOperations('department', 'departments')),
	...get.description,
	...getMany.description,
];
