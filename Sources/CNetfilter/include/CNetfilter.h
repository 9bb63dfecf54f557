#ifndef CNETFILTER_H
#define CNETFILTER_H
// The kernel's nf_tables netlink ABI, imported into Swift so the proxy's nftables mode uses the
// header's own numbers for messages, attributes and expression parameters.
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_conntrack_common.h>

static const int SKIFF_NFNL_SUBSYS_NFTABLES = NFNL_SUBSYS_NFTABLES;
static const int SKIFF_NFNL_MSG_BATCH_BEGIN = NFNL_MSG_BATCH_BEGIN;
static const int SKIFF_NFNL_MSG_BATCH_END = NFNL_MSG_BATCH_END;
static const int SKIFF_NLA_F_NESTED = NLA_F_NESTED;
static const int SKIFF_NF_NAT_RANGE_PROTO_RANDOM_FULLY = NF_NAT_RANGE_PROTO_RANDOM_FULLY;
static const int SKIFF_NF_CT_STATE_NEW_BIT = NF_CT_STATE_BIT(IP_CT_NEW);
#endif
