import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { nameOf, optionNames, README_URL } from '../core/descriptions';
import { listSearch } from '../core/methods';
import { authenticationProperty, credentialDescriptions } from '../core/transport';
import { pollChanges } from './poll';
import { pollProperties } from './properties';

export class ZohoDeskPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Desk Poll Trigger',
		name: 'zohoDeskPollTrigger',
		icon: { light: 'file:../../icons/zohoDesk.svg', dark: 'file:../../icons/zohoDesk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ${nameOf(optionNames(pollProperties, 'table'), '$parameter["table"]')} + ": " + ${nameOf(optionNames(pollProperties, 'event'), '$parameter["event"]')} }}`,
		description:
			'Starts the workflow when Zoho Desk records are created, updated or deleted, by polling (any plan, any table)',
		documentationUrl: `${README_URL}#zoho-desk-poll-trigger`,
		defaults: { name: 'Zoho Desk Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialDescriptions,
		properties: [authenticationProperty, ...pollProperties],
	};

	methods = { listSearch: { searchDepartments: listSearch.searchDepartments } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges.call(this);
	}
}
