// One server and one chromium per database, one test at a time: the machine has two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
