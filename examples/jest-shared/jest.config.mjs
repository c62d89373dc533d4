// One stub for a whole Jest run. Jest runs ES modules with Node's --experimental-vm-modules:
//   node --experimental-vm-modules node_modules/jest/bin/jest.js
export default {
  testMatch: ["<rootDir>/*.test.mjs"],
  // Plain JavaScript modules: nothing to transform.
  transform: {},
  globalSetup: "<rootDir>/global-setup.mjs",
  globalTeardown: "<rootDir>/global-teardown.mjs",
};
