/**
 * TCP timing of the simulated streams, after Windows' defaults: a SYN is
 * sent at 0, 3 and 9 s and the attempt gives up at 21 s; a data segment is
 * retransmitted after 1 s, doubling, and the connection is reset after the
 * last retransmission; a request waits at most 100 s (.NET HttpClient's
 * default timeout) for its response.
 */
export interface StreamTiming {
  readonly synRetransmitAtMs: readonly number[];
  readonly connectTimeoutMs: number;
  readonly dataRtoMs: number;
  readonly maxDataRetransmissions: number;
  readonly requestTimeoutMs: number;
}

export const DEFAULT_STREAM_TIMING: StreamTiming = Object.freeze({
  synRetransmitAtMs: Object.freeze([3_000, 9_000]),
  connectTimeoutMs: 21_000,
  dataRtoMs: 1_000,
  maxDataRetransmissions: 5,
  requestTimeoutMs: 100_000,
});
