/** The data-source contract suite (test/contract) against the embedded data source, in the browser: memory and IndexedDB. */
import { runContractSuite } from "../contract/index.js";
import { indexedDbSubject, memorySubject } from "./contract-subjects.js";

runContractSuite("memory", memorySubject);
runContractSuite("IndexedDB", indexedDbSubject);
