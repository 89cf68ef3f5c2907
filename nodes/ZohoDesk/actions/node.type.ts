import type {
	AllEntities,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { resources } from './resources';

/** One operation file (`<resource>/<operation>.operation.ts`): its selector entry, its parameters and its run. */
export interface Operation {
	/** Its entry in the resource's Operation selector; the value is its name in the resource file */
	option: Omit<INodePropertyOptions, 'value'>;
	description: INodeProperties[];
	/** The records it read or wrote, or items that carry files (downloads) */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[] | ItemsWithFiles>;
}

/** Output items with binary data, e.g. a downloaded attachment. */
export interface ItemsWithFiles {
	items: Array<Pick<INodeExecutionData, 'json' | 'binary'>>;
}

type Resources = typeof resources;

/** Each resource's operations, as n8n's Airtable v2 types its node (actions/node.type.ts), derived from the files. */
export type ZohoDeskMap = { [R in keyof Resources]: keyof Resources[R]['operations'] & string };

/** A valid resource/operation pair. */
export type ZohoDeskType = AllEntities<ZohoDeskMap>;
