import { killAppProcesses } from '../../scripts/lib/app-process';

// Integration tests drive real servers and train real models: minutes, not seconds.
jest.setTimeout(10 * 60_000);

// A worker or gateway a failing test did not stop must not outlive its file: it would go on
// polling the shared Temporal server and take tasks of later tests.
afterAll(() => killAppProcesses());
