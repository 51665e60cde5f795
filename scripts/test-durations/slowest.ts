import { formatSlowest, readDurations } from './durations';

// `npm test`'s last step: the tests closest to their limits, from the run that just ended.
for (const line of formatSlowest(readDurations(), 10)) console.log(line);
