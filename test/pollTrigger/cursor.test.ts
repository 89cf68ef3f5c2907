import { advance, cursorAt, unseen } from '../../nodes/ZohoDeskPollTrigger/cursor';

const T = Date.parse('2026-12-01T10:00:00.000Z');
const version = (id: string, time: number) => ({ id, time });

test('a new cursor remembers only the versions at or after its time', () => {
	const cursor = cursorAt('modifiedTime', T, [version('1', T - 1), version('2', T), version('3', T + 5)]);
	expect(cursor).toEqual({ field: 'modifiedTime', time: T, seen: { '2': T, '3': T + 5 } });
});

test('advancing moves to the latest time read and forgets what is older than it', () => {
	const cursor = cursorAt('modifiedTime', T, [version('1', T)]);
	const next = advance(cursor, [version('1', T), version('2', T + 10), version('3', T + 10)]);
	expect(next).toEqual({ field: 'modifiedTime', time: T + 10, seen: { '2': T + 10, '3': T + 10 } });
});

test('a poll that read nothing keeps the cursor where it was', () => {
	const cursor = cursorAt('createdTime', T, [version('1', T)]);
	expect(advance(cursor, [])).toEqual(cursor);
});

test('records sharing the cursor\'s millisecond: the ones emitted are not emitted again, a newcomer is', () => {
	const cursor = cursorAt('modifiedTime', T, [version('1', T)]);
	const read = [version('1', T), version('2', T)];
	expect(unseen(cursor, read)).toEqual([version('2', T)]);
	expect(unseen(advance(cursor, read), read)).toEqual([]);
});

test('a record changed again at a later time is unseen again', () => {
	const cursor = cursorAt('modifiedTime', T, [version('1', T)]);
	expect(unseen(cursor, [version('1', T + 1)])).toEqual([version('1', T + 1)]);
});
