import { TABLES } from '../../../core/tables';
import { createOperation } from '../../../core/writeOperations';

export const { option, description, execute } = createOperation(TABLES.accounts);
