return await Sweep.Silo.SiloHost.RunAsync(args);
