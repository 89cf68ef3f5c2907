/** The action node's resource mappers (n8n `methods.resourceMapping`): one method per mapper. */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

import type { FieldSource } from '../fields';
import { TABLES } from '../tables';
import type { TableDescription } from '../tables';
import { readPages } from '../sync';
import { zohoDeskApi } from '../transport';
import { mappingColumns } from './mappingColumns';

/** A picker parameter's value (resource locator or plain), or undefined when empty. */
function pickedId(ctx: ILoadOptionsFunctions, name: string): string | undefined {
	const value = ctx.getNodeParameter(name, '', { extractValue: true }) as unknown;
	const id = String(value ?? '').trim();
	return /^[0-9]{1,19}$/.test(id) ? id : undefined;
}

/** Every agent of the portal (Agent.json getAgents), as dropdown entries. */
async function agentOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const agents = await readPages(this, { path: '/agents', pageSize: 200 });
	return agents.map((agent) => ({ name: String(agent.name ?? agent.emailId ?? agent.id), value: String(agent.id) }));
}

/** The teams of the chosen department (Team.json getTeamsInDepartment). */
async function teamOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const departmentId = pickedId(this, 'department');
	if (!departmentId) return [];
	const body = (await zohoDeskApi.call(this, { path: `/departments/${departmentId}/teams` })) as
		| { teams?: IDataObject[] }
		| undefined;
	return (body?.teams ?? []).map((team) => ({ name: String(team.name ?? team.id), value: String(team.id) }));
}

const TICKET_LOOKUPS = { assigneeId: agentOptions, teamId: teamOptions };

function ticketSource(ctx: ILoadOptionsFunctions): FieldSource {
	return { module: 'tickets', departmentId: pickedId(ctx, 'department'), layoutId: pickedId(ctx, 'layout') };
}

/** Ticket → Create: department, contact and layout have their own parameters. */
export async function getTicketCreateColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await mappingColumns.call(this, ticketSource(this), {
		exclude: ['departmentId', 'contactId', 'layoutId'],
		lookups: TICKET_LOOKUPS,
	});
}

/** Ticket → Update: every field optional; moving to another department is the Move operation. */
export async function getTicketUpdateColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await mappingColumns.call(this, ticketSource(this), {
		exclude: ['departmentId', 'layoutId'],
		allOptional: true,
		lookups: TICKET_LOOKUPS,
	});
}

/** Contact or account → Create / Update (and Create or Update): the module's fields; the owner picked from the agents. */
function tableColumns(table: TableDescription, mode: 'create' | 'update') {
	return async function (this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
		return await mappingColumns.call(this, { module: table.write!.fieldModule }, {
			exclude: [],
			allOptional: mode === 'update',
			lookups: { ownerId: agentOptions },
		});
	};
}

// Named as tables.ts mapperMethod() names them.
export const getContactCreateColumns = tableColumns(TABLES.contacts, 'create');
export const getContactUpdateColumns = tableColumns(TABLES.contacts, 'update');
export const getAccountCreateColumns = tableColumns(TABLES.accounts, 'create');
export const getAccountUpdateColumns = tableColumns(TABLES.accounts, 'update');
