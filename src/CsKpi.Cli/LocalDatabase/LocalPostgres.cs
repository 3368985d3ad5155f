using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace CsKpi.Cli.LocalDatabase;

/// <summary>
/// For development and tests only (cskpi and the test projects use it; the web app takes a connection string):
/// a private PostgreSQL cluster in an ignored folder of the repository (<c>.pgdata/NAME</c>), so a fresh machine
/// needs no database set-up and no Docker. initdb on first use, started on a fixed loopback port, no Unix socket.
/// Every connection signs in with a password (scram-sha-256): any local user could otherwise connect as superuser
/// and read the password hashes and the data-protection keys. The password is generated at initdb and kept in
/// <see cref="PasswordFile"/>, readable by its owner only. PostgreSQL refuses to run as root, so as root it runs as
/// the postgres user.
/// </summary>
public sealed class LocalPostgres
{
    public const int DevelopmentPort = 55432;

    private readonly string _binDirectory;
    private readonly bool _fastAndLoose;

    public LocalPostgres(string dataDirectory, int port, bool fastAndLoose = false)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port;
        _fastAndLoose = fastAndLoose;
        _binDirectory = FindBinaries();
    }

    /// <summary>
    /// The cluster <c>cskpi</c> uses when no connection string is given, and that <c>cskpi db up</c> starts for the
    /// web app (scripts/run.sh). Port: CSKPI_PG_PORT, default 55432.
    /// </summary>
    public static LocalPostgres Development() => new(Path.Combine(ClustersRoot(), "dev"),
        int.TryParse(Environment.GetEnvironmentVariable("CSKPI_PG_PORT"), CultureInfo.InvariantCulture, out var port)
            ? port
            : DevelopmentPort);

    /// <summary>
    /// A cluster for a test assembly: durability off, since its data lives as long as the test run. The port comes
    /// from the folder, so checkouts side by side (git worktrees) don't collide and a stale cluster is found again.
    /// </summary>
    public static LocalPostgres ForTests(string name)
    {
        var dataDirectory = Path.Combine(ClustersRoot(), name);
        var hash = 2166136261u;
        foreach (var c in dataDirectory)
            hash = (hash ^ c) * 16777619u; // FNV-1a: stable across processes, unlike string.GetHashCode
        return new(dataDirectory, 56000 + (int)(hash % 4000), fastAndLoose: true);
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string LogFile => DataDirectory + ".log";

    /// <summary>The superuser's password, beside the cluster (mode 0600, owned by whoever runs CsKpi).</summary>
    public string PasswordFile => DataDirectory + ".password";

    private string PortOption => "-p " + Port.ToString(CultureInfo.InvariantCulture);

    public string ConnectionString(string database = "cskpi") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = File.Exists(PasswordFile) ? File.ReadAllText(PasswordFile).Trim() : null,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Creates the cluster if needed and starts it unless it already runs. Returns true when this call started it.
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await FileLock.AcquireAsync(DataDirectory + ".lock", cancellationToken);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitAsync(cancellationToken);
        var running = await IsRunningAsync(cancellationToken);
        if (!running)
            await PgAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", PortOption, "-w", "-t", "60", "start"],
                cancellationToken);
        if (TrustsConnections())
            await RequirePasswordsAsync(cancellationToken);
        if (running)
            return false;
        await EnsureDatabaseAsync("cskpi", cancellationToken);
        return true;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (await IsRunningAsync(cancellationToken))
            await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);
    }

    /// <summary>Stops and starts the server, dropping every open connection (used to prove the app recovers).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        PgAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", PortOption, "-m", "fast", "-w", "restart"],
            cancellationToken);

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken = default) =>
        File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))
        && (await PgStatusAsync("pg_ctl", ["-D", DataDirectory, "status"], cancellationToken)).ExitCode == 0;

    private async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        if (RunningAsRoot)
            await ChownToPostgresAsync(cancellationToken);
        // initdb reads the password from a file: one the postgres user can read, gone as soon as initdb is done.
        var password = WritePassword();
        var initPassword = DataDirectory + ".initpw";
        WriteOwnerOnly(initPassword, password);
        try
        {
            if (RunningAsRoot)
                await RunCheckedAsync(["chown", "postgres:postgres", initPassword], cancellationToken);
            await PgAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=scram-sha-256",
                "--pwfile=" + initPassword, "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken);
        }
        finally
        {
            File.Delete(initPassword);
        }
        var settings = new List<string>
        {
            "",
            "# written by CsKpi's LocalPostgres: loopback only, no unix socket; the port is given at start",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 200",
            "shared_buffers = 256MB",
            "work_mem = 32MB",
            "maintenance_work_mem = 256MB",
            "max_wal_size = 4GB",
            "synchronous_commit = off",
        };
        if (_fastAndLoose)
            settings.AddRange(["fsync = off", "full_page_writes = off"]);
        await File.AppendAllLinesAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings, cancellationToken);
    }

    /// <summary>Generates the superuser's password and keeps it in <see cref="PasswordFile"/>.</summary>
    private string WritePassword()
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        File.Delete(PasswordFile);
        WriteOwnerOnly(PasswordFile, password);
        return password;
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        // No byte-order mark: the file is read by shells too (PGPASSWORD=$(cat …)).
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
        writer.Write(text);
    }

    private string HbaFile => Path.Combine(DataDirectory, "pg_hba.conf");

    /// <summary>Whether pg_hba.conf lets anyone in without a password: a cluster made by an older CsKpi.</summary>
    private bool TrustsConnections() =>
        File.ReadLines(HbaFile).Select(l => l.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 0 && fields[^1] == "trust");

    /// <summary>
    /// Moves a running cluster made with trust authentication to passwords: a generated one for the superuser, set
    /// while trust still lets us in, then pg_hba.conf rewritten to scram-sha-256 and reloaded.
    /// </summary>
    private async Task RequirePasswordsAsync(CancellationToken cancellationToken)
    {
        var password = WritePassword();
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync(cancellationToken);
            var literal = "'" + password.Replace("'", "''", StringComparison.Ordinal) + "'";
            await using var alter = new NpgsqlCommand(
                "SET password_encryption = 'scram-sha-256'; ALTER ROLE postgres PASSWORD " + literal, connection);
            await alter.ExecuteNonQueryAsync(cancellationToken);
            await File.WriteAllTextAsync(HbaFile, HbaRules, cancellationToken);
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            await reload.ExecuteNonQueryAsync(cancellationToken);
        }
        NpgsqlConnection.ClearAllPools();
    }

    private const string HbaRules = """
        # written by CsKpi's LocalPostgres: a password for everyone, loopback only
        local all all scram-sha-256
        host all all 127.0.0.1/32 scram-sha-256
        host all all ::1/128 scram-sha-256

        """;

    private async Task ChownToPostgresAsync(CancellationToken cancellationToken)
    {
        // The folder of clusters (for the log files) and this cluster's own directory — not the other clusters in
        // it, which another test assembly may be changing at this very moment (a recursive chown then fails on a
        // vanished file).
        await RunCheckedAsync(["chown", "postgres:postgres", Path.GetDirectoryName(DataDirectory)!], cancellationToken);
        await RunCheckedAsync(["chown", "-R", "postgres:postgres", DataDirectory], cancellationToken);
        var access = await RunAsync(["runuser", "-u", "postgres", "--", "test", "-w", DataDirectory],
            cancellationToken);
        if (access.ExitCode != 0)
            throw new InvalidOperationException(
                $"The postgres user cannot write {DataDirectory}: a parent folder is closed to it. Clone the " +
                "repository somewhere every user can reach (e.g. /work or /srv), or set CSKPI_PGDATA to such a " +
                "folder.");
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres user when we are root.</summary>
    private Task PgAsync(string tool, string[] args, CancellationToken cancellationToken) =>
        RunCheckedAsync(PgCommand(tool, args), cancellationToken);

    private Task<(int ExitCode, string Output)> PgStatusAsync(
        string tool, string[] args, CancellationToken cancellationToken) =>
        RunAsync(PgCommand(tool, args), cancellationToken);

    private string[] PgCommand(string tool, string[] args) =>
        RunningAsRoot
            ? ["runuser", "-u", "postgres", "--", Path.Combine(_binDirectory, tool), .. args]
            : [Path.Combine(_binDirectory, tool), .. args];

    private async Task RunCheckedAsync(string[] command, CancellationToken cancellationToken)
    {
        var result = await RunAsync(command, cancellationToken);
        if (result.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(10)) : "";
            var failed = $"{string.Join(' ', command.Take(6))} failed ({result.ExitCode})";
            throw new InvalidOperationException($"{failed}: {result.Output.Trim()}\n{log}".Trim());
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string[] command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static bool RunningAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>
    /// CSKPI_PGDATA, else <c>.pgdata</c> at the repository root (found from the working or app folder).
    /// </summary>
    public static string ClustersRoot()
    {
        var configured = Environment.GetEnvironmentVariable("CSKPI_PGDATA");
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CsKpi.sln")))
                    return Path.Combine(dir.FullName, ".pgdata");
            }
        }
        var localData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(localData, "cskpi", "pgdata");
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("CSKPI_PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)),
                    CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
                return newest;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        return onPath ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with " +
            "`apt-get install postgresql` " +
            "or give a connection string (--connection or CSKPI_CONNECTION).");
    }
}
