import fc from 'fast-check';

// One place for the number of runs of every property; FC_NUM_RUNS raises it for a long local run.
fc.configureGlobal({ numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200) });
