export { freshSuffix, privateQueues, stackEnv } from '../../scripts/lib/stack-env';
