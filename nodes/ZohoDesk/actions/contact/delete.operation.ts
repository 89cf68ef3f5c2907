import { TABLES } from '../../../core/tables';
import { trashOperation } from '../../../core/writeOperations';

export const { option, description, execute } = trashOperation(TABLES.contacts);
