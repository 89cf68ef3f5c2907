import { DEFAULT_SCOPES } from '../../credentials/ZohoDeskOAuth2Api.credentials';
import { DEFAULT_SCOPES as SIMULATOR_DEFAULT_SCOPES } from '../simulator';
import { resourceMapping } from '../../nodes/core/methods';
import { mapperMethod, TABLE_NAMES, TABLES, writeScope } from '../../nodes/core/tables';

/**
 * Least privilege: the default scopes are those the operations need (README, Scopes, gives the reason per scope).
 * The trigger's registration with exactly these scopes runs against the simulator in test/trigger/simulator.test.ts.
 */
const scopes = DEFAULT_SCOPES.split(',');

test('no webhook operation the trigger does not perform, and no scope that no operation needs', () => {
	expect(scopes.filter((scope) => /^Desk\.(events|webhooks)\./.test(scope)).sort()).toEqual([
		'Desk.webhooks.CREATE',
		'Desk.webhooks.DELETE',
		'Desk.webhooks.READ',
	]);
	expect(scopes.filter((scope) => scope.endsWith('.ALL'))).toEqual([]);
	expect(scopes).not.toContain('Desk.contracts.READ');
	expect(new Set(scopes).size).toBe(scopes.length);
});

test('the simulator issues the same default scopes the credentials ask for', () => {
	expect([...SIMULATOR_DEFAULT_SCOPES].sort()).toEqual([...scopes].sort());
});

test('every write a table has (tables.ts `write`) needs a scope the defaults ask for, and its field mapper exists', () => {
	const writable = TABLE_NAMES.map((name) => TABLES[name]).filter((table) => table.write);
	expect(writable.map((table) => table.name).sort()).toEqual(['accounts', 'contacts', 'tickets']);
	for (const table of writable) {
		for (const action of ['CREATE', 'UPDATE', 'DELETE'] as const) expect(scopes).toContain(writeScope(table, action));
		for (const mode of ['create', 'update'] as const) expect(typeof resourceMapping[mapperMethod(table, mode) as keyof typeof resourceMapping]).toBe('function');
	}
	// Accounts are written with the contacts scopes (Account.json security), so no Desk.accounts.* scope is asked for.
	expect(scopes.filter((scope) => scope.startsWith('Desk.accounts.'))).toEqual([]);
});
