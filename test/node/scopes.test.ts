import { DEFAULT_SCOPES } from '../../credentials/ZohoDeskOAuth2Api.credentials';
import { DEFAULT_SCOPES as SIMULATOR_DEFAULT_SCOPES } from '../simulator';

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
