using k8s;
using k8s.Models;

namespace Sweep.Cluster.Tests;

/// <summary>
/// The manifests under deploy/k8s, checked offline: `kubectl apply --dry-run=client` needs an API
/// server even without validation, and there is none here. Instead every document is read
/// strictly into the Kubernetes client library's typed models, which are generated from the API's
/// OpenAPI schema: an unknown field, a misplaced key or a wrong type fails. Then the references
/// between them are checked: selectors select the pods they are meant to, Services and
/// NetworkPolicies name ports the pods open, and every pod that mounts the password Secret names
/// the key it reads. Not checked: anything the API server decides (defaults, admission, quotas),
/// and whether images and the Secret exist in a cluster (docs/cluster.md, Kubernetes).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly Lazy<IReadOnlyList<(string File, object Document)>> Documents = new(Load);

    [Fact]
    public void Every_manifest_reads_strictly_into_the_kubernetes_models()
    {
        var kinds = Documents.Value.Select(d => d.Document.GetType().Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "V1Deployment", "V1Deployment", "V1Job", "V1NetworkPolicy", "V1NetworkPolicy", "V1Service" }, kinds);
    }

    [Fact]
    public void A_manifest_with_an_unknown_field_or_a_wrong_type_is_refused()
    {
        // The check above can fail: these are the mistakes it exists to catch.
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replica: 3\n", strict: true));
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: three\n", strict: true));
    }

    [Fact]
    public void Selectors_services_and_policies_point_at_the_pods_and_ports_that_exist()
    {
        var pods = new Dictionary<string, V1PodTemplateSpec>(StringComparer.Ordinal);
        foreach (var d in Documents.Value.Select(d => d.Document).OfType<V1Deployment>())
        {
            Assert.True(Selects(d.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels), $"deployment {d.Metadata.Name}: its selector does not select its own pods");
            pods[d.Metadata.Name] = d.Spec.Template;
        }

        foreach (var j in Documents.Value.Select(d => d.Document).OfType<V1Job>())
        {
            pods[j.Metadata.Name] = j.Spec.Template;
        }

        IEnumerable<V1PodTemplateSpec> Matching(IDictionary<string, string> selector)
            => pods.Values.Where(p => Selects(selector, p.Metadata.Labels));

        ISet<int> Ports(V1PodTemplateSpec p)
            => p.Spec.Containers.SelectMany(c => c.Ports ?? []).Select(port => port.ContainerPort).ToHashSet();

        foreach (var s in Documents.Value.Select(d => d.Document).OfType<V1Service>())
        {
            var selected = Matching(s.Spec.Selector).ToList();
            Assert.True(selected.Count == 1, $"service {s.Metadata.Name} selects {selected.Count} workloads");
            foreach (var port in s.Spec.Ports)
            {
                Assert.Contains(int.Parse(port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), Ports(selected[0]));
            }
        }

        foreach (var policy in Documents.Value.Select(d => d.Document).OfType<V1NetworkPolicy>())
        {
            var targets = Matching(policy.Spec.PodSelector.MatchLabels).ToList();
            Assert.True(targets.Count == 1, $"network policy {policy.Metadata.Name} applies to {targets.Count} workloads");
            foreach (var rule in policy.Spec.Ingress)
            {
                foreach (var peer in rule.FromProperty)
                {
                    Assert.True(Matching(peer.PodSelector.MatchLabels).Any(), $"network policy {policy.Metadata.Name} admits pods that no manifest makes");
                }

                foreach (var port in rule.Ports)
                {
                    Assert.Contains(int.Parse(port.Port.Value, System.Globalization.CultureInfo.InvariantCulture), Ports(targets[0]));
                }
            }
        }

        // Every workload mounts the password Secret, and only its keys that exist.
        foreach ((string name, V1PodTemplateSpec pod) in pods)
        {
            var secret = pod.Spec.Volumes?.Select(v => v.Secret).SingleOrDefault(s => s is not null);
            Assert.True(secret is not null && secret.SecretName == "sweep-redis-auth", $"{name} does not mount the Secret sweep-redis-auth");
            Assert.All(secret.Items, item => Assert.Contains(item.Key, new[] { "password", "redis.conf" }));
        }
    }

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels)
        => selector is { Count: > 0 } && labels is not null && selector.All(kv => labels.TryGetValue(kv.Key, out string? v) && v == kv.Value);

    private static IReadOnlyList<(string, object)> Load()
    {
        var all = new List<(string, object)>();
        foreach (string file in Directory.GetFiles(RepositoryFiles.Path("deploy/k8s"), "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (object document in KubernetesYaml.LoadAllFromString(File.ReadAllText(file), strict: true))
            {
                all.Add((Path.GetFileName(file), document));
            }
        }

        return all;
    }
}
