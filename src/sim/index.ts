import '../polyfill.ts'

/** The simulation library (DESIGN section 8): `import { simulate, loadScenario } from 'sightline/sim'`. */
export { ATTACK_COUNTERS, ATTACK_KINDS, type AttackCounts, type AttackKind } from './adversary.ts'
export { type CostModel, measureCostModel } from './cost-model.ts'
export { type DemoOptions, type DemoResult, runDemo } from './demo.ts'
export { nodesCsv, reportHtml, summaryOf, writeResults } from './results.ts'
export { loadScenario, parseScenario, type Scenario, ScenarioError } from './scenario.ts'
export { type NodeResult, type SimProgress, type SimulateOptions, type SimulationResult, simulate } from './simulate.ts'
