export { freshSuffix, privateQueues, stackEnv, stackStore } from '../../scripts/lib/stack-env';
