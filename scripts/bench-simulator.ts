/*
Runs one simulator in its own process for the benchmark, so that the simulator's CPU is not
counted as maxtop's. Prints one JSON line with its URL, then serves until stdin closes.
*/
import {startSimulator} from '../source/simulator/index.js';

const [sessions = '1000', churn = '0', cost = 'false'] = process.argv.slice(2);
const simulator = await startSimulator({
	sessions: Number(sessions),
	churnPerSecond: Number(churn),
	costModel: cost === 'true',
	seed: 7,
});
console.log(JSON.stringify({url: simulator.url}));
process.stdin.resume();
process.stdin.on('end', async () => {
	await simulator.close();
	process.exit(0);
});
