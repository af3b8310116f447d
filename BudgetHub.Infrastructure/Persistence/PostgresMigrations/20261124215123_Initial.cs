using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BudgetHub.Infrastructure.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    timezone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    alertemail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    outgoingwebhooksecret = table.Column<string>(type: "text", nullable: true),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    policyid = table.Column<long>(type: "bigint", nullable: false),
                    policyname = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scopetype = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scopekey = table.Column<string>(type: "text", nullable: false),
                    botkey = table.Column<string>(type: "text", nullable: true),
                    userid = table.Column<string>(type: "text", nullable: true),
                    metric = table.Column<string>(type: "text", nullable: false),
                    window = table.Column<string>(type: "text", nullable: false),
                    windowstart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    windowend = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false),
                    limit = table.Column<long>(type: "bigint", nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acknowledgedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    acknowledgedby = table.Column<string>(type: "text", nullable: true),
                    resolvedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "aspnetroles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalizedname = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrencystamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspnetroles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "aspnetusers",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    displayname = table.Column<string>(type: "text", nullable: false),
                    activeaccountid = table.Column<long>(type: "bigint", nullable: true),
                    username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalizedusername = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalizedemail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    emailconfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    passwordhash = table.Column<string>(type: "text", nullable: true),
                    securitystamp = table.Column<string>(type: "text", nullable: true),
                    concurrencystamp = table.Column<string>(type: "text", nullable: true),
                    phonenumber = table.Column<string>(type: "text", nullable: true),
                    phonenumberconfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    twofactorenabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockoutend = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockoutenabled = table.Column<bool>(type: "boolean", nullable: false),
                    accessfailedcount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspnetusers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "blocks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    policyid = table.Column<long>(type: "bigint", nullable: true),
                    targettype = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    targetkey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    pausedby = table.Column<string>(type: "text", nullable: true),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    liftedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    liftedby = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blocks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    conversationid = table.Column<string>(type: "text", nullable: false),
                    botkey = table.Column<string>(type: "text", nullable: false),
                    firstseenat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    firsteventid = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations", x => new { x.accountid, x.conversationid });
                });

            migrationBuilder.CreateTable(
                name: "digestsubscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    userid = table.Column<string>(type: "text", nullable: false),
                    daily = table.Column<bool>(type: "boolean", nullable: false),
                    lastsentfor = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digestsubscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "enforcementlog",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lastat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    botkey = table.Column<string>(type: "text", nullable: false),
                    userid = table.Column<string>(type: "text", nullable: true),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false),
                    limit = table.Column<long>(type: "bigint", nullable: false),
                    metric = table.Column<string>(type: "text", nullable: false),
                    window = table.Column<string>(type: "text", nullable: false),
                    policyid = table.Column<long>(type: "bigint", nullable: true),
                    policyname = table.Column<string>(type: "text", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    pausedby = table.Column<string>(type: "text", nullable: true),
                    pauseduntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enforcementlog", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "metercheckpoints",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    countedthrougheventid = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metercheckpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "modelprices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    provider = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    model = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    inputmicrospermtok = table.Column<long>(type: "bigint", nullable: false),
                    cachedinputmicrospermtok = table.Column<long>(type: "bigint", nullable: false),
                    outputmicrospermtok = table.Column<long>(type: "bigint", nullable: false),
                    effectivefrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    createdby = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_modelprices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notificationpreferences",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    userid = table.Column<string>(type: "text", nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    email = table.Column<bool>(type: "boolean", nullable: false),
                    inapp = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notificationpreferences", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    userid = table.Column<string>(type: "text", nullable: false),
                    alertid = table.Column<long>(type: "bigint", nullable: true),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    link = table.Column<string>(type: "text", nullable: true),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    readat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    dedupekey = table.Column<string>(type: "text", nullable: false),
                    recipient = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    htmlbody = table.Column<string>(type: "text", nullable: true),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    nextattemptat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lockeduntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    sentat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lasterror = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policyaudit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    policyid = table.Column<long>(type: "bigint", nullable: false),
                    change = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policyaudit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usagecounters",
                columns: table => new
                {
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    dimension = table.Column<string>(type: "text", nullable: false),
                    dimensionkey = table.Column<string>(type: "text", nullable: false),
                    filter = table.Column<string>(type: "text", nullable: false),
                    granularity = table.Column<string>(type: "text", nullable: false),
                    bucketstart = table.Column<long>(type: "bigint", nullable: false),
                    tokens = table.Column<long>(type: "bigint", nullable: false),
                    messages = table.Column<long>(type: "bigint", nullable: false),
                    conversations = table.Column<long>(type: "bigint", nullable: false),
                    costmicros = table.Column<long>(type: "bigint", nullable: false),
                    calls = table.Column<long>(type: "bigint", nullable: false),
                    errors = table.Column<long>(type: "bigint", nullable: false),
                    unpricedcalls = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usagecounters", x => new { x.accountid, x.dimension, x.dimensionkey, x.filter, x.granularity, x.bucketstart });
                });

            migrationBuilder.CreateTable(
                name: "usageevents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    eventid = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    receivedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    botkey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    userid = table.Column<string>(type: "text", nullable: true),
                    tier = table.Column<string>(type: "text", nullable: true),
                    team = table.Column<string>(type: "text", nullable: true),
                    model = table.Column<string>(type: "text", nullable: true),
                    provider = table.Column<string>(type: "text", nullable: true),
                    category = table.Column<string>(type: "text", nullable: true),
                    inputtokens = table.Column<long>(type: "bigint", nullable: false),
                    cachedinputtokens = table.Column<long>(type: "bigint", nullable: false),
                    outputtokens = table.Column<long>(type: "bigint", nullable: false),
                    messages = table.Column<long>(type: "bigint", nullable: false),
                    conversationid = table.Column<string>(type: "text", nullable: true),
                    costmicros = table.Column<long>(type: "bigint", nullable: false),
                    priced = table.Column<bool>(type: "boolean", nullable: false),
                    iserror = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usageevents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "apikeys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    createdby = table.Column<string>(type: "text", nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lastusedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revokedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_apikeys", x => x.id);
                    table.ForeignKey(
                        name: "fk_apikeys_accounts_accountid",
                        column: x => x.accountid,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    team = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lastseenat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    pausedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    pauseduntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    pausereason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bots", x => x.id);
                    table.ForeignKey(
                        name: "fk_bots_accounts_accountid",
                        column: x => x.accountid,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    tokenhash = table.Column<string>(type: "text", nullable: false),
                    invitedby = table.Column<string>(type: "text", nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expiresat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acceptedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revokedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_invitations_accounts_accountid",
                        column: x => x.accountid,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scopetype = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scopekey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    metric = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    limit = table.Column<long>(type: "bigint", nullable: false),
                    windowunit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    rollingseconds = table.Column<long>(type: "bigint", nullable: true),
                    thresholds = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    blockforseconds = table.Column<long>(type: "bigint", nullable: true),
                    notifyemail = table.Column<bool>(type: "boolean", nullable: false),
                    notifyrecipients = table.Column<string>(type: "text", nullable: false),
                    notifyinapp = table.Column<bool>(type: "boolean", nullable: false),
                    webhookurl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    filtermodel = table.Column<string>(type: "text", nullable: true),
                    filtercategory = table.Column<string>(type: "text", nullable: true),
                    maxageseconds = table.Column<long>(type: "bigint", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    createdby = table.Column<string>(type: "text", nullable: false),
                    updatedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updatedby = table.Column<string>(type: "text", nullable: false),
                    lastrunat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lastrundeleted = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_policies_accounts_accountid",
                        column: x => x.accountid,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhooksources",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    sourceid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    secret = table.Column<string>(type: "text", nullable: false),
                    previoussecret = table.Column<string>(type: "text", nullable: true),
                    previoussecretexpiresat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    createdat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lastusedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhooksources", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhooksources_accounts_accountid",
                        column: x => x.accountid,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aspnetroleclaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    roleid = table.Column<string>(type: "text", nullable: false),
                    claimtype = table.Column<string>(type: "text", nullable: true),
                    claimvalue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspnetroleclaims", x => x.id);
                    table.ForeignKey(
                        name: "fk_aspnetroleclaims_aspnetroles_roleid",
                        column: x => x.roleid,
                        principalTable: "aspnetroles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accountmembers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    accountid = table.Column<long>(type: "bigint", nullable: false),
                    userid = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    joinedat = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accountmembers", x => x.id);
                    table.ForeignKey(
                        name: "fk_accountmembers_accounts_accountid",
                        column: x => x.accountid,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_accountmembers_aspnetusers_userid",
                        column: x => x.userid,
                        principalTable: "aspnetusers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aspnetuserclaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    userid = table.Column<string>(type: "text", nullable: false),
                    claimtype = table.Column<string>(type: "text", nullable: true),
                    claimvalue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspnetuserclaims", x => x.id);
                    table.ForeignKey(
                        name: "fk_aspnetuserclaims_aspnetusers_userid",
                        column: x => x.userid,
                        principalTable: "aspnetusers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aspnetuserlogins",
                columns: table => new
                {
                    loginprovider = table.Column<string>(type: "text", nullable: false),
                    providerkey = table.Column<string>(type: "text", nullable: false),
                    providerdisplayname = table.Column<string>(type: "text", nullable: true),
                    userid = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspnetuserlogins", x => new { x.loginprovider, x.providerkey });
                    table.ForeignKey(
                        name: "fk_aspnetuserlogins_aspnetusers_userid",
                        column: x => x.userid,
                        principalTable: "aspnetusers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aspnetuserroles",
                columns: table => new
                {
                    userid = table.Column<string>(type: "text", nullable: false),
                    roleid = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspnetuserroles", x => new { x.userid, x.roleid });
                    table.ForeignKey(
                        name: "fk_aspnetuserroles_aspnetroles_roleid",
                        column: x => x.roleid,
                        principalTable: "aspnetroles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_aspnetuserroles_aspnetusers_userid",
                        column: x => x.userid,
                        principalTable: "aspnetusers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aspnetusertokens",
                columns: table => new
                {
                    userid = table.Column<string>(type: "text", nullable: false),
                    loginprovider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aspnetusertokens", x => new { x.userid, x.loginprovider, x.name });
                    table.ForeignKey(
                        name: "fk_aspnetusertokens_aspnetusers_userid",
                        column: x => x.userid,
                        principalTable: "aspnetusers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signinsessions",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    userid = table.Column<string>(type: "text", nullable: true),
                    ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    expiresat = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signinsessions", x => x.key);
                    table.ForeignKey(
                        name: "fk_signinsessions_aspnetusers_userid",
                        column: x => x.userid,
                        principalTable: "aspnetusers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accountmembers_accountid_userid",
                table: "accountmembers",
                columns: new[] { "accountid", "userid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accountmembers_userid",
                table: "accountmembers",
                column: "userid");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_accountid_id",
                table: "alerts",
                columns: new[] { "accountid", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_accountid_policyid_scopetype_scopekey_windowstart_th~",
                table: "alerts",
                columns: new[] { "accountid", "policyid", "scopetype", "scopekey", "windowstart", "threshold", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_apikeys_accountid",
                table: "apikeys",
                column: "accountid");

            migrationBuilder.CreateIndex(
                name: "ix_apikeys_hash",
                table: "apikeys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aspnetroleclaims_roleid",
                table: "aspnetroleclaims",
                column: "roleid");

            migrationBuilder.CreateIndex(
                name: "rolenameindex",
                table: "aspnetroles",
                column: "normalizedname",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aspnetuserclaims_userid",
                table: "aspnetuserclaims",
                column: "userid");

            migrationBuilder.CreateIndex(
                name: "ix_aspnetuserlogins_userid",
                table: "aspnetuserlogins",
                column: "userid");

            migrationBuilder.CreateIndex(
                name: "ix_aspnetuserroles_roleid",
                table: "aspnetuserroles",
                column: "roleid");

            migrationBuilder.CreateIndex(
                name: "emailindex",
                table: "aspnetusers",
                column: "normalizedemail");

            migrationBuilder.CreateIndex(
                name: "usernameindex",
                table: "aspnetusers",
                column: "normalizedusername",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_blocks_accountid_liftedat",
                table: "blocks",
                columns: new[] { "accountid", "liftedat" });

            migrationBuilder.CreateIndex(
                name: "ix_bots_accountid_key",
                table: "bots",
                columns: new[] { "accountid", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_accountid_firstseenat",
                table: "conversations",
                columns: new[] { "accountid", "firstseenat" });

            migrationBuilder.CreateIndex(
                name: "ix_digestsubscriptions_accountid_userid",
                table: "digestsubscriptions",
                columns: new[] { "accountid", "userid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enforcementlog_accountid_id",
                table: "enforcementlog",
                columns: new[] { "accountid", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_enforcementlog_accountid_time",
                table: "enforcementlog",
                columns: new[] { "accountid", "time" });

            migrationBuilder.CreateIndex(
                name: "ix_invitations_accountid_email",
                table: "invitations",
                columns: new[] { "accountid", "email" });

            migrationBuilder.CreateIndex(
                name: "ix_invitations_tokenhash",
                table: "invitations",
                column: "tokenhash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_modelprices_accountid_model_effectivefrom",
                table: "modelprices",
                columns: new[] { "accountid", "model", "effectivefrom" });

            migrationBuilder.CreateIndex(
                name: "ix_notificationpreferences_accountid_userid_severity",
                table: "notificationpreferences",
                columns: new[] { "accountid", "userid", "severity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_accountid_userid_alertid",
                table: "notifications",
                columns: new[] { "accountid", "userid", "alertid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_accountid_userid_readat",
                table: "notifications",
                columns: new[] { "accountid", "userid", "readat" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_dedupekey",
                table: "outbox",
                column: "dedupekey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_sentat_nextattemptat",
                table: "outbox",
                columns: new[] { "sentat", "nextattemptat" });

            migrationBuilder.CreateIndex(
                name: "ix_policies_accountid",
                table: "policies",
                column: "accountid");

            migrationBuilder.CreateIndex(
                name: "ix_policyaudit_accountid_policyid_at",
                table: "policyaudit",
                columns: new[] { "accountid", "policyid", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_signinsessions_userid",
                table: "signinsessions",
                column: "userid");

            migrationBuilder.CreateIndex(
                name: "ix_usagecounters_accountid_granularity_bucketstart",
                table: "usagecounters",
                columns: new[] { "accountid", "granularity", "bucketstart" });

            migrationBuilder.CreateIndex(
                name: "ix_usageevents_accountid_eventid",
                table: "usageevents",
                columns: new[] { "accountid", "eventid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhooksources_accountid",
                table: "webhooksources",
                column: "accountid");

            migrationBuilder.CreateIndex(
                name: "ix_webhooksources_sourceid",
                table: "webhooksources",
                column: "sourceid",
                unique: true);

            // The meter counts every event after this row's id again at start-up: none yet.
            migrationBuilder.Sql("INSERT INTO metercheckpoints (id, countedthrougheventid) VALUES (1, 0)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accountmembers");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "apikeys");

            migrationBuilder.DropTable(
                name: "aspnetroleclaims");

            migrationBuilder.DropTable(
                name: "aspnetuserclaims");

            migrationBuilder.DropTable(
                name: "aspnetuserlogins");

            migrationBuilder.DropTable(
                name: "aspnetuserroles");

            migrationBuilder.DropTable(
                name: "aspnetusertokens");

            migrationBuilder.DropTable(
                name: "blocks");

            migrationBuilder.DropTable(
                name: "bots");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "digestsubscriptions");

            migrationBuilder.DropTable(
                name: "enforcementlog");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "metercheckpoints");

            migrationBuilder.DropTable(
                name: "modelprices");

            migrationBuilder.DropTable(
                name: "notificationpreferences");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "policies");

            migrationBuilder.DropTable(
                name: "policyaudit");

            migrationBuilder.DropTable(
                name: "signinsessions");

            migrationBuilder.DropTable(
                name: "usagecounters");

            migrationBuilder.DropTable(
                name: "usageevents");

            migrationBuilder.DropTable(
                name: "webhooksources");

            migrationBuilder.DropTable(
                name: "aspnetroles");

            migrationBuilder.DropTable(
                name: "aspnetusers");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}
