import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { zohoDeskApi } from '../../../core/transport';
import { returnAllProperties } from '../../../core/descriptions';

export const option = {
	name: 'Get Many',
	description: 'List the Zoho Desk organizations (portals) the credential can reach',
	action: 'Get many organizations',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['organization'], operation: ['getMany'] } },
	returnAllProperties(),
);

/** The portals the token can reach (GET /organizations needs no orgId): where users find their Organization ID. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const body = (await zohoDeskApi.call(this, { path: '/organizations', withOrgId: false, itemIndex })) as
		| { data?: IDataObject[] }
		| undefined;
	const organizations = body?.data ?? [];
	return returnAll ? organizations : organizations.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
}
