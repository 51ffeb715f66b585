return Sweep.Client.CommandLine.Run(args);
