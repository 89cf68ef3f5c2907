/**
 * Runs `count` copies of `work` at once and waits for every one to end, then fails with the first failure, if any.
 * Waiting for all (not failing at the first) means no request of a failed read is still running after it:
 * `work` should stop taking new work once `stop()` was called (the first failure calls it).
 */
export async function inParallel(count: number, work: () => Promise<void>, stop: () => void): Promise<void> {
	const outcomes = await Promise.allSettled(
		Array.from({ length: Math.max(1, count) }, async () => {
			let finished = false;
			try {
				await work();
				finished = true;
			} finally {
				if (!finished) stop();
			}
		}),
	);
	const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
	if (failure) throw failure.reason;
}
