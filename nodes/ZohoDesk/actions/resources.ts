import * as contract from './contract/Contract.resource';
import * as department from './department/Department.resource';
import * as organization from './organization/Organization.resource';
import * as organizationField from './organizationField/OrganizationField.resource';
import * as product from './product/Product.resource';
import * as ticket from './ticket/Ticket.resource';

/** Every resource of the action node, keyed by its `resource` parameter value. */
export const resources = { contract, department, organization, organizationField, product, ticket };
