import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../../shared/descriptions';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	operationSelector('organization', [
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List the Zoho Desk organizations (portals) the credential can reach',
			action: 'Get many organizations',
		},
	]),
	...getMany.description,
];
