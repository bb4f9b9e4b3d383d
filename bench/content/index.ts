// Benchmark of the content pipeline's throughput and cost per piece with four workers on the queue.
export { contentThroughput } from './content-throughput.js';
