import { getByIdOperation } from '../../../shared/getOperation';
import { TABLES } from '../../../shared/tables';

export const { option, description, execute } = getByIdOperation(TABLES.contracts);
