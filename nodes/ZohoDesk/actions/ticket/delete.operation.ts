import { TABLES } from '../../../core/tables';
import { trashOperation } from '../../../core/writeOperations';
import { TICKET_URL_REGEX } from './get.operation';

export const { option, description, execute } = trashOperation(TABLES.tickets, { urlRegex: TICKET_URL_REGEX, kept: 'Zoho keeps it 60 days' });
