/** The data-source contract suite (test/contract) in Node: the memory data source, a store per test and one store shared by every test. */

import { runContractSuite } from "../contract/index.js";
import { memorySubject, sharedMemorySubject } from "../store/contract-subjects.js";

runContractSuite("memory (Node)", memorySubject);
runContractSuite("memory (Node, one ledger shared by every test)", sharedMemorySubject());
