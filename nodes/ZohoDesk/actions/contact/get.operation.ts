import { getByIdOperation } from '../../../shared/operations';
import { TABLES } from '../../../shared/tables';

export const { option, description, execute } = getByIdOperation(TABLES.contacts);
