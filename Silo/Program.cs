Console.Error.WriteLine("sweep-silo: the standalone cluster host arrives with cluster mode; use `sweep run` for local mode.");
return 2;
