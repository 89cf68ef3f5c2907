import { TABLES } from '../../../core/tables';
import { updateOperation } from '../../../core/writeOperations';

export const { option, description, execute } = updateOperation(TABLES.contacts);
