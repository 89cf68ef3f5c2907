import { getByIdOperation } from '../../../core/operations';
import { TABLES } from '../../../core/tables';

export const { option, description, execute } = getByIdOperation(TABLES.contracts);
