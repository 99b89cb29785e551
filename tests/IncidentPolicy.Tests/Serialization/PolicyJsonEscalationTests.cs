using System.Text.Json.Nodes;
using IncidentPolicy.Escalation;
using IncidentPolicy.Serialization;
using IncidentPolicy.Tests.Support;

namespace IncidentPolicy.Tests.Serialization;

public class PolicyJsonEscalationTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(PolicyJson.Schema)!;

    private static JsonObject DefaultTree() => JsonNode.Parse(PolicyJson.Serialize(ResponsePolicy.Default))!.AsObject();

    private static IReadOnlyList<PolicyProblem> ProblemsOf(JsonNode tree) =>
        Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems;

    private const string DefaultSections = """
          "escalation": {
            "dispatchGrace": "PT1M",
            "policies": [
              {
                "id": "page-on-call",
                "appliesTo": {
                  "severityAtLeast": "SEV-2"
                },
                "levels": [
                  {
                    "delay": "PT0S",
                    "targets": [
                      {
                        "kind": "role",
                        "id": "on-call-engineer"
                      }
                    ]
                  },
                  {
                    "delay": "PT5M",
                    "targets": [
                      {
                        "kind": "role",
                        "id": "engineering-manager"
                      }
                    ]
                  }
                ],
                "stopWhen": "acknowledged",
                "repeats": 0,
                "repeatAfter": null
              }
            ],
            "rules": [
              {
                "id": "page-engineering-manager",
                "when": {
                  "all": [
                    {
                      "severityAtLeast": "SEV-2"
                    },
                    {
                      "elapsedSince": {
                        "since": "alert",
                        "atLeast": "PT30M"
                      }
                    },
                    {
                      "statusIn": [
                        "triggered",
                        "acknowledged",
                        "investigating",
                        "mitigated"
                      ]
                    }
                  ]
                },
                "action": "page",
                "target": {
                  "kind": "role",
                  "id": "engineering-manager"
                }
              },
              {
                "id": "notify-vp-engineering",
                "when": {
                  "impactAbove": {
                    "metric": "revenueLoss",
                    "value": 10000
                  }
                },
                "action": "notify",
                "target": {
                  "kind": "role",
                  "id": "vp-engineering"
                }
              },
              {
                "id": "notify-security-team",
                "when": {
                  "flagRaised": "dataBreachSuspected"
                },
                "action": "notify",
                "target": {
                  "kind": "role",
                  "id": "security-team"
                }
              }
            ]
          },
          "severitySuggestion": [
            {
              "id": "checkout-down",
              "when": {
                "flagRaised": "checkoutDown"
              },
              "severity": "SEV-1"
            },
            {
              "id": "data-breach",
              "when": {
                "flagRaised": "dataBreachSuspected"
              },
              "severity": "SEV-1"
            },
            {
              "id": "site-outage",
              "when": {
                "flagRaised": "siteOutage"
              },
              "severity": "SEV-1"
            },
            {
              "id": "payment-failures",
              "when": {
                "impactAbove": {
                  "metric": "paymentFailureRate",
                  "value": 2
                }
              },
              "severity": "SEV-2"
            },
            {
              "id": "search-broken",
              "when": {
                "flagRaised": "searchBroken"
              },
              "severity": "SEV-2"
            },
            {
              "id": "slow-checkout",
              "when": {
                "flagRaised": "slowCheckout"
              },
              "severity": "SEV-2"
            },
            {
              "id": "significant-degradation",
              "when": {
                "all": [
                  {
                    "impactAbove": {
                      "metric": "performanceDegradation",
                      "value": 0
                    }
                  },
                  {
                    "not": {
                      "impactBelow": {
                        "metric": "performanceDegradation",
                        "value": 20
                      }
                    }
                  }
                ]
              },
              "severity": "SEV-2"
            },
            {
              "id": "performance-degradation",
              "when": {
                "all": [
                  {
                    "impactAbove": {
                      "metric": "performanceDegradation",
                      "value": 0
                    }
                  },
                  {
                    "impactBelow": {
                      "metric": "performanceDegradation",
                      "value": 20
                    }
                  }
                ]
              },
              "severity": "SEV-3"
            },
            {
              "id": "non-critical-feature-broken",
              "when": {
                "flagRaised": "nonCriticalFeatureBroken"
              },
              "severity": "SEV-3"
            },
            {
              "id": "cosmetic",
              "when": {
                "flagRaised": "cosmetic"
              },
              "severity": "SEV-4"
            }
          ]
        """;

    [Fact]
    public void Serialize_Default_WritesTheSeedsSectionsExactly()
    {
        var json = PolicyJson.Serialize(ResponsePolicy.Default);
        Assert.Contains(",\n" + DefaultSections + ",\n  \"people\": [", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutSections_NoneUnlessExtendingTheSeed()
    {
        var tree = DefaultTree();
        tree.Remove("escalation");
        tree.Remove("severitySuggestion");
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Empty(policy.Escalation.Policies);
        Assert.Empty(policy.Escalation.Rules);
        Assert.Empty(policy.SeverityMatrix.Rules);
        tree["extends"] = "seed";
        var extended = PolicyJson.Parse(tree.ToJsonString());
        Assert.Equal(ResponsePolicy.Default.Escalation.Rules.Select(r => r.Id), extended.Escalation.Rules.Select(r => r.Id));
        Assert.Equal(ResponsePolicy.Default.Escalation.Policies.Select(p => p.Id), extended.Escalation.Policies.Select(p => p.Id));
        Assert.Equal(ResponsePolicy.Default.SeverityMatrix.Rules.Select(r => r.Id), extended.SeverityMatrix.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Parse_VersionOneNullSections_ErrorNamesWhatVersionOneTookForTheRolesAndSeverities()
    {
        var tree = DefaultTree();
        tree["formatVersion"] = 1;
        tree["escalation"] = null;
        tree["severitySuggestion"] = new JsonArray();
        tree["runbooks"] = new JsonArray();
        tree["roles"]!.AsArray().RemoveAt(tree["roles"]!.AsArray().ToList().FindIndex(r => (string)r!["id"]! == "vp-engineering"));
        tree["lifecycle"]!["restrictedViewerRoles"] = new JsonArray("security-team");
        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse(tree.ToJsonString())).Problems);
        Assert.Equal("$.escalation", problem.Path);
        Assert.StartsWith(
            "format version 1 took the escalation (escalation policy page-on-call, rule page-engineering-manager, rule notify-security-team) from the seed playbook",
            problem.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptySections_NoRulesNoPoliciesNoSuggestions()
    {
        var tree = DefaultTree();
        tree["escalation"] = JsonNode.Parse("""{"dispatchGrace": "PT0S", "policies": [], "rules": []}""");
        tree["severitySuggestion"] = new JsonArray();
        var policy = PolicyJson.Parse(tree.ToJsonString());
        Assert.Empty(policy.Escalation.Rules);
        Assert.Empty(policy.Escalation.Policies);
        Assert.Empty(policy.SeverityMatrix.Rules);
        Assert.Null(policy.SuggestSeverity(new Dictionary<string, decimal>(), ["checkoutDown"]).Severity);
    }

    [Fact]
    public void Parse_CustomSections_RoundTrip()
    {
        var tree = DefaultTree();
        tree["escalation"]!["policies"]!.AsArray().Add(JsonNode.Parse("""
            {"id": "page-payments", "appliesTo": {"any": [{"flagRaised": "checkoutDown"}, {"not": {"statusIn": ["resolved"]}}]},
             "levels": [{"delay": "PT1M30S", "targets": [{"kind": "person", "id": "U024BE7LH"}, {"kind": "role", "id": "team-lead"}]}],
             "stopWhen": "resolved", "repeats": 3, "repeatAfter": "PT10M"}
            """));
        tree["escalation"]!["rules"]!.AsArray().Add(JsonNode.Parse("""
            {"id": "nudge-commander", "when": {"all": [{"elapsedSince": {"since": "lastUpdate", "atLeast": "PT25M"}},
             {"impactBelow": {"metric": "errorRate", "value": 0.5}}]}, "action": "notify", "target": {"kind": "role", "id": "incident-commander"}}
            """));
        tree["severitySuggestion"]!.AsArray().Add(JsonNode.Parse("""{"id": "big-loss", "when": {"impactAbove": {"metric": "revenueLoss", "value": 1e5}}, "severity": "SEV-1"}"""));
        var policy = PolicyJson.Parse(tree.ToJsonString());
        var payments = policy.Escalation.FindPolicy("page-payments")!;
        Assert.Equal(3, payments.RepeatCount);
        Assert.Equal(NodaTime.Duration.FromSeconds(90), payments.Levels[0].Delay);
        Assert.Equal(EscalationTarget.ForPerson("U024BE7LH"), payments.Levels[0].Targets[0]);
        Assert.Equal("25 minutes since the last status update and errorRate is below 0.5", policy.Escalation.FindRule("nudge-commander")!.When.Describe());
        Assert.Equal("SEV-1", policy.SuggestSeverity(new Dictionary<string, decimal> { ["revenueLoss"] = 100001 }, []).Severity!.Id);
        var json = PolicyJson.Serialize(policy);
        Assert.Equal(json, PolicyJson.Serialize(PolicyJson.Parse(json)));
        Assert.Contains("\"value\": 100000", json, StringComparison.Ordinal);
        Assert.Empty(MiniSchemaValidator.Validate(JsonNode.Parse(json), Schema));
    }

    [Theory]
    [InlineData("""{"elapsed": {"since": "alert", "atLeast": "PT5M"}}""", ".elapsed",
        "unknown key 'elapsed'; expected one of: all, any, not, elapsedSince, statusIn, severityAtLeast, impactAbove, impactBelow, flagRaised")]
    [InlineData("""{"severityAtLeast": "SEV-1", "flagRaised": "x"}""", ".flagRaised",
        "a condition has exactly one kind, and this one is already 'severityAtLeast'; combine conditions with all or any")]
    [InlineData("""{}""", "",
        "a condition needs exactly one key naming its kind, one of all, any, not, elapsedSince, statusIn, severityAtLeast, impactAbove, impactBelow, flagRaised")]
    [InlineData("""{"all": []}""", ".all",
        "at least one condition is required; an empty list would hold always or never, which is surely a mistake")]
    [InlineData("""{"any": [{"flagRaised": "x"}, {"any": []}]}""", ".any[1].any",
        "at least one condition is required; an empty list would hold always or never, which is surely a mistake")]
    [InlineData("""{"all": [null]}""", ".all[0]",
        "a condition is required: an object with one key, one of all, any, not, elapsedSince, statusIn, severityAtLeast, impactAbove, impactBelow, flagRaised")]
    [InlineData("""{"not": {"elapsedSince": {"since": "alert", "atLeast": "-PT5M"}}}""", ".not.elapsedSince.atLeast", "must not be negative (got minus 5 minutes)")]
    [InlineData("""{"elapsedSince": {"since": "alert", "atLeast": "P1M"}}""", ".elapsedSince.atLeast",
        "'P1M' uses months, which are not fixed lengths of time; write days, hours, minutes or seconds (P2D = 48 hours)")]
    [InlineData("""{"elapsedSince": {"since": "page", "atLeast": "PT5M"}}""", ".elapsedSince.since",
        "'page' is not one of alert, acknowledged, declared, lastUpdate, resolved")]
    [InlineData("""{"elapsedSince": {"since": "alert"}}""", ".elapsedSince.atLeast", "a duration is required, like PT30M")]
    [InlineData("""{"elapsedSince": {"since": "alert", "atLeast": "PT5M", "until": "PT9M"}}""", ".elapsedSince.until",
        "unknown key 'until'; expected one of: since, atLeast")]
    [InlineData("""{"statusIn": ["triggered", "open"]}""", ".statusIn[1]",
        "'open' is not one of triggered, acknowledged, investigating, mitigated, resolved, postMortem, closed, declined, merged")]
    [InlineData("""{"statusIn": ["triggered", "triggered"]}""", ".statusIn[1]", "'triggered' is already listed at $.escalation.rules[0].when.statusIn[0]")]
    [InlineData("""{"statusIn": []}""", ".statusIn", "at least one status is required")]
    [InlineData("""{"severityAtLeast": "SEV-9"}""", ".severityAtLeast", "unknown severity 'SEV-9'; the policy's severities are: SEV-1, SEV-2, SEV-3, SEV-4")]
    [InlineData("""{"severityAtLeast": ""}""", ".severityAtLeast", "a severity id is required, like SEV-2")]
    [InlineData("""{"impactAbove": {"metric": "revenueLoss"}}""", ".impactAbove.value", "a number is required")]
    [InlineData("""{"impactBelow": {"metric": " ", "value": 3}}""", ".impactBelow.metric", "an impact metric is required")]
    [InlineData("""{"impactAbove": {"metric": "revenueLoss", "value": "10K"}}""", ".impactAbove.value", "expected a number")]
    [InlineData("""{"flagRaised": ""}""", ".flagRaised", "a flag is required")]
    public void Parse_BadCondition_ReportedWithPathAndReason(string condition, string pathSuffix, string reason)
    {
        var tree = DefaultTree();
        tree["escalation"]!["rules"]![0]!["when"] = JsonNode.Parse(condition);
        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal(new PolicyProblem("$.escalation.rules[0].when" + pathSuffix, reason), problem);
    }

    [Theory]
    [InlineData("id", "\"Page EM\"", ".id", "a rule id 'Page EM' must be lower-case letters and digits separated by single hyphens, like 'page-engineering-manager'")]
    [InlineData("id", "\"notify-vp-engineering\"", ".id", "id 'notify-vp-engineering' is already used by $.escalation.rules[1]")]
    [InlineData("id", "\"page-on-call\"", ".id", "id 'page-on-call' is already used by $.escalation.policies[0]")]
    [InlineData("when", "null", ".when", "a condition is required: an object with one key, one of all, any, not, elapsedSince, statusIn, severityAtLeast, impactAbove, impactBelow, flagRaised")]
    [InlineData("action", "\"call\"", ".action", "'call' is not one of page, notify")]
    [InlineData("target", "{\"kind\": \"role\", \"id\": \"cto\"}", ".target.id",
        "unknown role 'cto'; the policy's roles are: comms-lead, engineering-manager, incident-commander, on-call-engineer, owning-team, security-team, team-lead, vp-engineering")]
    [InlineData("target", "{\"kind\": \"team\", \"id\": \"sre\"}", ".target.kind", "'team' is not one of person, role, schedule")]
    [InlineData("target", "{\"kind\": \"person\", \"id\": \"\"}", ".target.id", "a person id is required")]
    [InlineData("target", "null", ".target", "a target is required: {\"kind\": \"role\", \"id\": \"engineering-manager\"}")]
    [InlineData("priority", "1", ".priority", "unknown key 'priority'; expected one of: id, when, action, target")]
    public void Parse_BadRule_ReportedWithPathAndReason(string member, string value, string pathSuffix, string reason)
    {
        var tree = DefaultTree();
        tree["escalation"]!["rules"]![member == "id" && value.Contains("notify-vp") ? 2 : 0]![member] = JsonNode.Parse(value);
        var problem = Assert.Single(ProblemsOf(tree));
        var index = member == "id" && value.Contains("notify-vp") ? 2 : 0;
        Assert.Equal(new PolicyProblem($"$.escalation.rules[{index}]" + pathSuffix, reason), problem);
    }

    [Theory]
    [InlineData("id", "\"\"", ".id", "an escalation policy id is required")]
    [InlineData("appliesTo", "{\"statusIn\": [\"paging\"]}", ".appliesTo.statusIn[0]",
        "'paging' is not one of triggered, acknowledged, investigating, mitigated, resolved, postMortem, closed, declined, merged")]
    [InlineData("levels", "[]", ".levels", "at least one level is required")]
    [InlineData("levels", "null", ".levels", "a list of levels is required")]
    [InlineData("levels", "[null]", ".levels[0]", "a level must be an object, not null")]
    [InlineData("levels", "[{\"delay\": \"-PT1M\", \"targets\": [{\"kind\": \"role\", \"id\": \"team-lead\"}]}]", ".levels[0].delay", "must not be negative (got minus 1 minute)")]
    [InlineData("levels", "[{\"delay\": \"PT1M\", \"targets\": []}]", ".levels[0].targets", "at least one target is required")]
    [InlineData("levels", "[{\"targets\": [{\"kind\": \"role\", \"id\": \"team-lead\"}]}]", ".levels[0].delay", "a delay is required, like PT5M (PT0S for immediately)")]
    [InlineData("levels", "[{\"delay\": \"PT0S\", \"targets\": [{\"kind\": \"role\", \"id\": \"ghost\"}]}]", ".levels[0].targets[0].id",
        "unknown role 'ghost'; the policy's roles are: comms-lead, engineering-manager, incident-commander, on-call-engineer, owning-team, security-team, team-lead, vp-engineering")]
    [InlineData("levels", "[{\"delay\": \"PT0S\", \"targets\": [{\"kind\": \"person\", \"id\": \"a\"}, {\"kind\": \"person\", \"id\": \"a\"}]}]", ".levels[0].targets[1]",
        "person a is already a target at $.escalation.policies[0].levels[0].targets[0]")]
    [InlineData("stopWhen", "\"closed\"", ".stopWhen", "'closed' is not one of acknowledged, resolved")]
    [InlineData("repeats", "-1", ".repeats", "must not be negative (got -1); 0 means the levels run once")]
    [InlineData("repeats", "null", ".repeats", "a whole number is required (0 for no repeat)")]
    [InlineData("repeats", "2", ".repeatAfter", "a duration is required when repeats is above 0, like PT10M")]
    [InlineData("repeatAfter", "\"PT5M\"", ".repeatAfter", "must be null when repeats is 0")]
    public void Parse_BadEscalationPolicy_ReportedWithPathAndReason(string member, string value, string pathSuffix, string reason)
    {
        var tree = DefaultTree();
        tree["escalation"]!["policies"]![0]![member] = JsonNode.Parse(value);
        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal(new PolicyProblem("$.escalation.policies[0]" + pathSuffix, reason), problem);
    }

    [Fact]
    public void Parse_BadSectionKeys_ReportedWithPaths()
    {
        var tree = DefaultTree();
        tree["escalation"]!["dispatchGrace"] = "-PT1M";
        tree["escalation"]!["rules"] = null;
        tree["escalation"]!["pages"] = 1;
        Assert.Equal(
            [
                new PolicyProblem("$.escalation.pages", "unknown key 'pages'; expected one of: dispatchGrace, policies, rules"),
                new PolicyProblem("$.escalation.rules", "a list of rules is required ([] for none)"),
                new PolicyProblem("$.escalation.dispatchGrace", "must not be negative (got minus 1 minute)"),
            ],
            ProblemsOf(tree));
    }

    [Theory]
    [InlineData("severity", "\"SEV-0\"", ".severity", "unknown severity 'SEV-0'; the policy's severities are: SEV-1, SEV-2, SEV-3, SEV-4")]
    [InlineData("severity", "null", ".severity", "a severity id is required, like SEV-2")]
    [InlineData("id", "\"data-breach\"", ".id", "id 'data-breach' is already used by $.severitySuggestion[1]")]
    [InlineData("when", "{\"any\": [{\"flagRaised\": \"x\"}, {\"severityAtLeast\": \"SEV-2\"}]}", ".when.any[1].severityAtLeast",
        "a severity rule may use only impactAbove, impactBelow, flagRaised, all, any and not, since a severity is suggested from impact facts alone; not severityAtLeast")]
    [InlineData("when", "{\"elapsedSince\": {\"since\": \"alert\", \"atLeast\": \"PT1M\"}}", ".when.elapsedSince",
        "a severity rule may use only impactAbove, impactBelow, flagRaised, all, any and not, since a severity is suggested from impact facts alone; not elapsedSince")]
    public void Parse_BadSeverityRule_ReportedWithPathAndReason(string member, string value, string pathSuffix, string reason)
    {
        var tree = DefaultTree();
        tree["severitySuggestion"]![2]![member] = JsonNode.Parse(value);
        var problem = Assert.Single(ProblemsOf(tree));
        Assert.Equal(new PolicyProblem("$.severitySuggestion[2]" + pathSuffix, reason), problem);
    }

    [Fact]
    public void Parse_ManyProblems_AllListedAtOnce()
    {
        var tree = DefaultTree();
        tree["escalation"]!["rules"]![0]!["when"] = JsonNode.Parse("""{"all": []}""");
        tree["escalation"]!["rules"]![1]!["target"]!["id"] = "cfo";
        tree["escalation"]!["policies"]![0]!["repeats"] = -3;
        tree["severitySuggestion"]![0]!["severity"] = "SEV-7";
        Assert.Equal(
            ["$.escalation.policies[0].repeats", "$.escalation.rules[0].when.all", "$.escalation.rules[1].target.id", "$.severitySuggestion[0].severity"],
            ProblemsOf(tree).Select(p => p.Path));
    }

    [Fact]
    public void Parse_BrokenSeverities_NoUnknownSeverityNoise()
    {
        var tree = DefaultTree();
        tree["severities"]![1]!["id"] = "SEV-1";
        Assert.DoesNotContain(ProblemsOf(tree), p => p.Path.StartsWith("$.escalation", StringComparison.Ordinal) || p.Path.StartsWith("$.severitySuggestion", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("two kinds")]
    [InlineData("no kind")]
    [InlineData("unknown kind")]
    [InlineData("bad status")]
    [InlineData("bad stop")]
    [InlineData("nested bad anchor")]
    public void Schema_RejectsBadEscalation(string breakage)
    {
        var tree = DefaultTree();
        var rule = tree["escalation"]!["rules"]![0]!.AsObject();
        switch (breakage)
        {
            case "two kinds": rule["when"] = JsonNode.Parse("""{"flagRaised": "x", "severityAtLeast": "SEV-1"}"""); break;
            case "no kind": rule["when"] = new JsonObject(); break;
            case "unknown kind": rule["when"] = JsonNode.Parse("""{"flagLowered": "x"}"""); break;
            case "bad status": rule["when"] = JsonNode.Parse("""{"statusIn": ["open"]}"""); break;
            case "bad stop": tree["escalation"]!["policies"]![0]!["stopWhen"] = "never"; break;
            case "nested bad anchor": rule["when"] = JsonNode.Parse("""{"not": {"any": [{"elapsedSince": {"since": "lunch", "atLeast": "PT1M"}}]}}"""); break;
        }

        Assert.NotEmpty(MiniSchemaValidator.Validate(tree, Schema));
        Assert.False(PolicyJson.TryParse(tree.ToJsonString(), out _, out _));
    }
}
